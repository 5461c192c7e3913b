package ma.crafts.register.standalone.imports;

import java.io.IOException;

/** The register answered, but refused what the command asked: said in one line, with the register's reason. */
final class Refused extends IOException {
    private final boolean temporary;

    /** @param temporary a register restarting or overloaded: worth asking again */
    Refused(String message, boolean temporary) {
        super(message);
        this.temporary = temporary;
    }

    boolean temporary() {
        return temporary;
    }
}
