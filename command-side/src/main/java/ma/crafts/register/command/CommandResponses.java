package ma.crafts.register.command;

/** OpenAPI wording shared by the command controllers. */
public final class CommandResponses {
    public static final String VERSION_POSITION = " The response carries `version` (the aggregate's sequence after the "
            + "command) and `position` (the global store position of its last event): pass `?minPosition=position` to "
            + "a query to read your own write.";

    private CommandResponses() {
    }
}
