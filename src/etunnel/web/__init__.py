"""The local web explorer (``etunnel serve``): a FastAPI app over the services, and one static page.

Nothing here is imported by the CLI, the services or anything below them.
"""

from etunnel.web.app import create_app

__all__ = ["create_app"]
