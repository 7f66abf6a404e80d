"""Present a deck: a full-screen slideshow, and a presenter view on a second screen."""
