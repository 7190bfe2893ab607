package app;

import java.util.List;
import java.util.Optional;

/** Where items live: the database, or memory when the service has none. */
public interface ItemStore extends AutoCloseable {
    /** Creates the table when it is missing; safe to run on every start. */
    void migrate();

    List<Item> list();

    Optional<Item> get(long id);

    Item create(String name, boolean done);

    /** The item after the change, or empty when there is no item with that id. */
    Optional<Item> update(long id, String name, boolean done);

    /** Whether an item was deleted. */
    boolean delete(long id);

    /** Whether the store answers now (the database runs SELECT 1): /health says 503 when it does not. */
    boolean healthy();

    @Override
    void close();
}
