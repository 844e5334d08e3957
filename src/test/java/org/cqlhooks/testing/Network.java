package org.cqlhooks.testing;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;

/**
 * This machine's own address on its network: a call to it over real HTTP reaches the server from an address that is
 * not loopback, as a call from another machine would.
 */
public final class Network {

    private Network() {
    }

    public static String lanAddress() {
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address && !address.isLoopbackAddress()
                            && !address.isLinkLocalAddress()) {
                        return address.getHostAddress();
                    }
                }
            }
        } catch (SocketException e) {
            throw new IllegalStateException("Cannot list the network interfaces", e);
        }
        throw new IllegalStateException("These tests call the server from a non-loopback address and need an IPv4 "
                + "network interface other than loopback");
    }
}
