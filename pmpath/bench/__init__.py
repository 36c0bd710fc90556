"""The measuring instrument: a heavy-user data generator, the page registry and the load
runner behind `pmpath bench` and `make bench` (docs/performance.md)."""
