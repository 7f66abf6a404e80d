"""One module per slide layout; ``briefing_app.layout.registry`` lists them."""
