"""Maps from real geography: bundled Natural Earth data, one geometry pipeline, boxes out.

``compose.map_boxes(spec, frame)`` turns a MapSpec into renderer boxes; ``service`` keeps
maps in the store. Nothing here imports Qt.
"""
