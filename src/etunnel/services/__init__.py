"""Use cases of etunnel, one module per job, shared by the CLI and the web app.

Each service is a plain function that takes validated inputs and returns a
typed result (a dataclass deriving from :class:`etunnel.services.base.Result`)
that serialises itself with ``to_dict()`` / ``to_json()``. The CLI and the web
layer only parse input, call a service and print, write or serve the result;
they never import each other, and nothing in this package imports them.
"""
