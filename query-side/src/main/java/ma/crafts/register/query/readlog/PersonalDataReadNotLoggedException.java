package ma.crafts.register.query.readlog;

/** The read log could not record a read, so the response that would have shown personal data is refused (503). */
public class PersonalDataReadNotLoggedException extends RuntimeException {

    public PersonalDataReadNotLoggedException(String actorId, RuntimeException cause) {
        super("The read of actor " + actorId + "'s personal data could not be logged, so it is not served; "
                + "try again shortly", cause);
    }
}
