"""CLI commands for maps: list, show, import, adjust or remove a layer, link arguments."""

from __future__ import annotations

import argparse
from pathlib import Path
from types import ModuleType

from briefing_app.cli.common import CommandContext, print_json, shorten


def _service() -> ModuleType:
    """The map service, imported on first use so other commands start without it."""
    from briefing_app.services import maps

    return maps


def _maps(ctx: CommandContext, args: argparse.Namespace) -> int:
    rows = _service().list_maps(ctx.store)
    if args.json:
        print_json(rows)
    for row in [] if args.json else rows:
        print(f"{row.key:<18} {shorten(row.title, 50):<50} {len(row.layers)} layers")
    return 0


def _show(ctx: CommandContext, args: argparse.Namespace) -> int:
    spec = _service().get_map(ctx.store, args.key)
    layers = [
        {"name": layer.name, "source": layer.source, "ids": list(layer.ids),
         "exclude": list(layer.exclude), "legend": layer.legend}
        for layer in spec.layers
    ]  # fmt: skip
    info = {
        "key": spec.key,
        "title": spec.title,
        "caption": spec.caption,
        "extent": list(spec.extent),
        "projection": dict(spec.projection),
        "layers": layers,
        "arguments": list(spec.arguments),
    }
    if args.json:
        print_json(info)
        return 0
    print(f"{spec.title}\n{spec.caption}\nExtent: {spec.extent}")
    for layer in layers:
        print(f"  layer {layer['name']!r} ({layer['source']}): {', '.join(layer['ids'])}")
    print(f"  illustrates: {', '.join(spec.arguments) or '-'}")
    return 0


def _import(ctx: CommandContext, args: argparse.Namespace) -> int:
    name = (
        _service()
        .import_layer(
            ctx.store,
            args.key,
            Path(args.file),
            name=args.name,
            gpkg_layer=args.gpkg_layer,
            as_of=args.date,
        )
        .value
    )
    print(f"Added layer {name!r} to map {args.key!r}.")
    return 0


def _reset(ctx: CommandContext, args: argparse.Namespace) -> int:
    _service().reset_to_bundled(ctx.store, args.key)
    print(f"Map {args.key!r} is the bundled definition again.")
    return 0


def _adjust(ctx: CommandContext, args: argparse.Namespace) -> int:
    ids = tuple(x.strip() for x in args.ids.split(",") if x.strip()) if args.ids else None
    exclude = (
        tuple(x.strip() for x in args.exclude.split(",") if x.strip())
        if args.exclude is not None
        else None
    )
    _service().update_layer(ctx.store, args.key, args.layer, ids=ids, exclude=exclude,
                            legend=args.legend)  # fmt: skip
    print(f"Layer {args.layer!r} of map {args.key!r} updated.")
    return 0


def _remove_layer(ctx: CommandContext, args: argparse.Namespace) -> int:
    _service().remove_layer(ctx.store, args.key, args.layer)
    print(f"Removed layer {args.layer!r} from map {args.key!r}.")
    return 0


def _link(ctx: CommandContext, args: argparse.Namespace) -> int:
    service = _service()
    if args.unlink:
        service.unlink_argument(ctx.store, args.key, args.argument)
    else:
        service.link_argument(ctx.store, args.key, args.argument)
    return 0


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = commands.add_parser("maps", help="list maps")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_maps)

    map_parser = commands.add_parser("map", help="show, import into, adjust or link a map")
    actions = map_parser.add_subparsers(dest="map_command", metavar="ACTION", required=True)
    p = actions.add_parser("show", help="a map's extent, layers and linked arguments")
    p.add_argument("key")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_show)
    p = actions.add_parser(
        "import",
        help="add a GeoJSON or GeoPackage file as a layer",
        description="Add a GeoJSON or GeoPackage file as the map's top layer. Shapes are "
        "checked, repaired within a time and memory budget and simplified once, here; a file "
        "beyond the limits is refused with one sentence (exit 2) and the store is unchanged.",
    )
    p.add_argument("key")
    p.add_argument("file")
    p.add_argument("--name", help="layer name (default: the file name)")
    p.add_argument(
        "--date",
        metavar="YYYY-MM-DD",
        help="the date the layer shows (a front line's); the legend states it",
    )
    p.add_argument("--gpkg-layer", help="which table of a GeoPackage to read")
    p.set_defaults(handler=_import)
    p = actions.add_parser("reset", help="replace a map with its bundled definition")
    p.add_argument("key")
    p.set_defaults(handler=_reset)
    p = actions.add_parser("adjust", help="change which features a layer shows")
    p.add_argument("key")
    p.add_argument("layer")
    p.add_argument("--ids", help="comma-separated feature ids (wildcards allowed)")
    p.add_argument("--exclude", help="comma-separated feature ids to leave out")
    p.add_argument("--legend", help="new legend text for the layer")
    p.set_defaults(handler=_adjust)
    layer_parser = actions.add_parser("layer", help="manage a map's layers")
    layer_actions = layer_parser.add_subparsers(
        dest="layer_command", metavar="ACTION", required=True
    )
    p = layer_actions.add_parser("remove", help="remove a layer from a map")
    p.add_argument("key", metavar="MAP")
    p.add_argument("layer", metavar="LAYER")
    p.set_defaults(handler=_remove_layer)
    p = actions.add_parser("link", help="link an argument (by key) to a map")
    p.add_argument("key")
    p.add_argument("argument", metavar="ARGUMENT_KEY")
    p.add_argument("--unlink", action="store_true", help="remove the link instead")
    p.set_defaults(handler=_link)
