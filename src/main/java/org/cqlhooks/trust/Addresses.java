package org.cqlhooks.trust;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/** Address checks the fhirServer guard and the JWK Set loader share. */
final class Addresses {

    /** Cloud metadata services that are not link-local (AWS IPv6). 169.254.169.254 is link-local. */
    private static final List<Range> METADATA = List.of(Range.parse("fd00:ec2::254/128"));

    private Addresses() {
    }

    /** Whether a host name is this machine without asking DNS: localhost or a loopback literal. */
    static boolean isLoopbackName(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.equals("localhost") || h.endsWith(".localhost")) {
            return true;
        }
        if (!isLiteral(h)) {
            return false;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Addresses no server of ours may call: unspecified, link-local (incl. 169.254.169.254), multicast, metadata. */
    static boolean isNeverAllowed(InetAddress address) {
        return address.isAnyLocalAddress() || address.isLinkLocalAddress() || address.isMulticastAddress()
                || METADATA.stream().anyMatch(r -> r.contains(address));
    }

    /** An IP literal (v4 dotted or v6 with colons), so that parsing it never triggers a DNS lookup. */
    static boolean isLiteral(String host) {
        return host.contains(":") || host.matches("[0-9.]+");
    }

    /** An address or CIDR range such as {@code 10.0.0.0/8} or {@code fd00::/8}. */
    record Range(byte[] network, int prefix) {

        static Range parse(String text) {
            String[] parts = text.trim().split("/", 2);
            if (!isLiteral(parts[0])) {
                throw new IllegalArgumentException("Not an IP address or CIDR range: " + text);
            }
            try {
                byte[] network = InetAddress.getByName(parts[0]).getAddress();
                int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : network.length * 8;
                if (prefix < 0 || prefix > network.length * 8) {
                    throw new IllegalArgumentException("Bad prefix length in " + text);
                }
                return new Range(network, prefix);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("Not an IP address or CIDR range: " + text, e);
            }
        }

        /** Whether an IP literal (never a name: no DNS lookup) lies in the range. */
        boolean contains(String literal) {
            try {
                return contains(InetAddress.getByName(literal));
            } catch (UnknownHostException e) {
                return false;
            }
        }

        boolean contains(InetAddress address) {
            byte[] a = address.getAddress();
            if (a.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (a[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (a[full] & mask) == (network[full] & mask);
        }
    }
}
