package app;

/** One item: what the API reads and writes as JSON, {"id":1,"name":"milk","done":false}. */
public record Item(long id, String name, boolean done) {}
