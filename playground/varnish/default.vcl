vcl 4.1;

# Varnish in front of the playground: caches the newsroom content API for an hour and drops
# answers by cache key when the plugin sends `PURGE` with an `xkey-purge` header
# (edge.purge: { enabled: true, url: "http://127.0.0.1:6081/", method: "PURGE" }).
# Needs varnish-modules (vmod xkey).

import xkey;

backend strapi {
  .host = "127.0.0.1";
  .port = "1337";
}

acl purgers {
  "127.0.0.1";
  "::1";
}

sub vcl_recv {
  if (req.method == "PURGE") {
    if (client.ip !~ purgers) {
      return (synth(403, "Forbidden"));
    }
    if (!req.http.xkey-purge) {
      return (synth(400, "No xkey-purge header"));
    }
    set req.http.n-gone = xkey.purge(req.http.xkey-purge);
    return (synth(200, "Purged " + req.http.n-gone));
  }
  if (req.url !~ "^/api/newsroom/" || (req.method != "GET" && req.method != "HEAD")) {
    return (pass);
  }
  # The public reads answer every reader alike.
  unset req.http.Cookie;
  unset req.http.Authorization;
  return (hash);
}

sub vcl_backend_response {
  if (bereq.url ~ "^/api/newsroom/" && beresp.status == 200 && beresp.http.Surrogate-Key) {
    # xkey reads its keys from the `xkey` header (space-separated, as the plugin sends them).
    set beresp.http.xkey = beresp.http.Surrogate-Key;
    set beresp.ttl = 1h;
    set beresp.grace = 0s;
    unset beresp.http.Set-Cookie;
    return (deliver);
  }
  # Errors and anything without keys (a 404 for an article about to be published) are not kept.
  set beresp.ttl = 0s;
  set beresp.uncacheable = true;
  return (deliver);
}

sub vcl_deliver {
  if (obj.hits > 0) {
    set resp.http.X-Cache = "HIT";
  } else {
    set resp.http.X-Cache = "MISS";
  }
  unset resp.http.xkey;
}
