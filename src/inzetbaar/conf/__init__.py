"""Settings for Inzetbaar, read from environment variables through `conf.env`."""
