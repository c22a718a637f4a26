"""The application: typed requests, their execution from copies of the inputs, the results folders that
hold them (lock, staging, swap) and their manifests. The command line is a thin shell over it."""
