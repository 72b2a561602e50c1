"""What the REST API (csms/api) and the web console (csms/console) share: who the caller is
(bearer token or session cookie), the signed session cookie itself, and running a service call
in a worker thread inside a unit of work. Neither door imports the other; both import this."""
