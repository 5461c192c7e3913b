package ma.crafts.register.command.card;

import java.security.SecureRandom;
import java.util.function.Function;
import ma.crafts.register.command.CommandGatewayReceipts;
import ma.crafts.register.command.CommandGatewayReceipts.Appended;
import ma.crafts.register.command.Compensation;
import ma.crafts.register.command.EventStreams;
import ma.crafts.register.command.RegisterPolicy;
import ma.crafts.register.command.artisan.CardNumber;
import ma.crafts.register.command.artisan.IssueCard;
import ma.crafts.register.command.artisan.RenewCard;
import ma.crafts.register.command.artisan.ReplaceCard;
import ma.crafts.register.command.numbering.IssuedNumbers;
import ma.crafts.register.command.numbering.SequenceAllocator;
import ma.crafts.register.command.numbering.SequenceKey;
import ma.crafts.register.errors.NotFoundException;
import ma.crafts.register.events.artisan.CardIssued;
import ma.crafts.register.events.artisan.CardRenewed;
import ma.crafts.register.events.artisan.CardReplaced;
import ma.crafts.register.platform.security.AccessPolicy;
import ma.crafts.register.platform.security.CurrentActor;
import ma.crafts.register.values.CardCheckCode;

/**
 * Gives out card numbers: for a first card ({@link IssueCard}) and for the replacement of a lost one
 * ({@link ReplaceCard}). The number is allocated in the clerk's region (a clerk may only act on artisans of its own
 * region, so that is the artisan's region whenever the command can succeed), guarded nationwide, and given back if the
 * artisan refuses the command, so the card sequence stays gap-free. A command can fail after its event was stored (a
 * deadline write that fails once the event is appended, say): the number is then the artisan's, so it is given back
 * only when the artisan's stream proves that no event carries it.
 *
 * <p>It also draws each card's {@link CardCheckCode} (with the card, and again at a renewal), here at the edge rather
 * than in the aggregate, so the aggregate stays deterministic and its tests can name the code they expect.
 */
public class CardIssuing {
    public static final String CARD_SERIES = "CARD";

    private final CommandGatewayReceipts commands;
    private final AccessPolicy access;
    private final CurrentActor actor;
    private final SequenceAllocator sequences;
    private final IssuedNumbers issuedNumbers;
    private final RegisterPolicy policy;
    private final EventStreams streams;
    private final SecureRandom random = new SecureRandom();

    public CardIssuing(CommandGatewayReceipts commands, AccessPolicy access, CurrentActor actor, SequenceAllocator sequences,
                       IssuedNumbers issuedNumbers, RegisterPolicy policy, EventStreams streams) {
        this.commands = commands;
        this.access = access;
        this.actor = actor;
        this.sequences = sequences;
        this.issuedNumbers = issuedNumbers;
        this.policy = policy;
        this.streams = streams;
    }

    public Appended<CardIssued> issue(String artisanId) {
        String region = clerkRegion();
        return withNewNumber(artisanId, region, number -> new IssueCard(artisanId, number, region, newCheckCode()),
                CardIssued.class);
    }

    /** Renews a card with a new check code, so the code printed on the card it replaces stops verifying. */
    public Appended<CardRenewed> renew(String cardNumber) {
        String region = clerkRegion();
        String artisanId = holderOf(cardNumber);
        return commands.send(new RenewCard(artisanId, cardNumber, region, newCheckCode()), artisanId,
                CardRenewed.class);
    }

    /** Replaces a card reported lost: 404 when no card has that number. */
    public Appended<CardReplaced> replace(String lostCardNumber) {
        String region = clerkRegion();
        String artisanId = holderOf(lostCardNumber);
        return withNewNumber(artisanId, region, number -> new ReplaceCard(artisanId, lostCardNumber, number, region,
                        newCheckCode()),
                CardReplaced.class);
    }

    /** The artisan a card number was issued to, from the nationwide register of issued numbers. */
    public String holderOf(String cardNumber) {
        return issuedNumbers.holderOf(IssuedNumbers.Kind.CARD, cardNumber)
                .orElseThrow(() -> new NotFoundException("No card is registered under number " + cardNumber));
    }

    private String newCheckCode() {
        return CardCheckCode.draw(random);
    }

    private String clerkRegion() {
        String region = actor.region();
        access.requireWriteAccessToRegion(region);
        return region;
    }

    private <R> Appended<R> withNewNumber(String artisanId, String region, Function<String, Object> command,
                                          Class<R> resultType) {
        SequenceKey series = new SequenceKey(CARD_SERIES, region, policy.today().getYear());
        long number = sequences.next(series);
        String cardNumber = new CardNumber(region, series.year(), number).value();
        try {
            issuedNumbers.claim(IssuedNumbers.Kind.CARD, cardNumber, artisanId);
        } catch (IllegalStateException alreadyIssued) {
            // Held by another card: giving it back would hand it out again.
            throw alreadyIssued;
        } catch (RuntimeException e) {
            Compensation.undo(e, () -> sequences.giveBack(series, number));
            throw e;
        }
        try {
            return commands.send(command.apply(cardNumber), artisanId, resultType);
        } catch (RuntimeException failure) {
            if (mayHaveBeenStored(artisanId, cardNumber, failure)) {
                throw failure;
            }
            Compensation.undo(failure, () -> issuedNumbers.release(IssuedNumbers.Kind.CARD, cardNumber, artisanId));
            Compensation.undo(failure, () -> sequences.giveBack(series, number));
            throw failure;
        }
    }

    /** When the store cannot tell, assume stored: a number handed out twice is worse than a gap. */
    private boolean mayHaveBeenStored(String artisanId, String cardNumber, RuntimeException failure) {
        try {
            return streams.anyPayload(artisanId, payload -> carries(payload, cardNumber));
        } catch (RuntimeException unreadable) {
            failure.addSuppressed(unreadable);
            return true;
        }
    }

    private static boolean carries(Object payload, String cardNumber) {
        return payload instanceof CardIssued issued && issued.cardNumber().equals(cardNumber)
                || payload instanceof CardReplaced replaced && replaced.cardNumber().equals(cardNumber);
    }
}
