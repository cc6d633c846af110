"""The SOAP 1.1 service (spyne) for other agencies' systems: an interface over the workflow
services, like the JSON API."""
