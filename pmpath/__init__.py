"""pmpath: a self-hostable career platform for landing a product manager job."""

__version__ = "0.1.0.dev0"
