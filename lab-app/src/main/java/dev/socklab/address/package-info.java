/** How the lab writes addresses (RFC 5952, as Wireshark does): the one leaf the programs and the analyzer share. */
package dev.socklab.address;
