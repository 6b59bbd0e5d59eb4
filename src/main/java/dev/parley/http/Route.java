package dev.parley.http;

import java.net.IDN;
import java.net.URI;
import java.util.Locale;

/**
 * Where a connection goes: connections are pooled per scheme, host and port. {@code ws} and {@code
 * wss} URLs go where {@code http} and {@code https} would.
 */
record Route(boolean tls, String host, int port) {

  static Route of(URI uri) {
    var scheme = uri.getScheme();
    boolean tls = scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("wss");
    var host = uri.getHost();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1); // an IPv6 literal
    }
    host = IDN.toASCII(host).toLowerCase(Locale.ROOT);
    int port = uri.getPort() >= 0 ? uri.getPort() : (tls ? 443 : 80);
    return new Route(tls, host, port);
  }

  /** The {@code Host} header: the port only when it is not the scheme's default. */
  String hostHeader() {
    var name = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    return port == (tls ? 443 : 80) ? name : name + ":" + port;
  }

  boolean isIpLiteral() {
    return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
  }

  @Override
  public String toString() {
    return (tls ? "https://" : "http://") + hostHeader();
  }
}
