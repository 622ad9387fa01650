"""The build: plan the targets, key them for the cache, print them in workers, write the manifest."""
