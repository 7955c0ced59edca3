"""The demo region: a generated, deterministic labour-market region to try the platform with."""
