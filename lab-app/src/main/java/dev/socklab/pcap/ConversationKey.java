package dev.socklab.pcap;

/** The two endpoints of a conversation in a fixed order, so both directions of it find the same entry. */
record ConversationKey(Endpoint low, Endpoint high) {

    static ConversationKey of(Endpoint a, Endpoint b) {
        return a.compareTo(b) <= 0 ? new ConversationKey(a, b) : new ConversationKey(b, a);
    }
}
