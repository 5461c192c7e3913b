package ma.crafts.register.command.card;

import ma.crafts.register.command.CommandGatewayReceipts;
import ma.crafts.register.command.Compensation;
import ma.crafts.register.command.CommandGatewayReceipts.Appended;
import ma.crafts.register.command.RegisterPolicy;
import ma.crafts.register.command.numbering.IssuedNumbers;
import ma.crafts.register.command.numbering.SequenceAllocator;
import ma.crafts.register.command.numbering.SequenceKey;
import ma.crafts.register.events.artisan.CardIssued;
import ma.crafts.register.platform.security.AccessPolicy;
import ma.crafts.register.platform.security.CurrentActor;

/**
 * Issues a card: allocates its number in the clerk's region (a clerk may only act on artisans of its own region, so
 * that is the artisan's region whenever the command can succeed), guards it nationwide, dispatches {@link IssueCard}
 * and, if the artisan refuses, gives the number back so the card sequence stays gap-free.
 */
public class CardIssuing {
    public static final String CARD_SERIES = "CARD";

    private final CommandGatewayReceipts commands;
    private final AccessPolicy access;
    private final CurrentActor actor;
    private final SequenceAllocator sequences;
    private final IssuedNumbers issuedNumbers;
    private final RegisterPolicy policy;

    public CardIssuing(CommandGatewayReceipts commands, AccessPolicy access, CurrentActor actor, SequenceAllocator sequences,
                       IssuedNumbers issuedNumbers, RegisterPolicy policy) {
        this.commands = commands;
        this.access = access;
        this.actor = actor;
        this.sequences = sequences;
        this.issuedNumbers = issuedNumbers;
        this.policy = policy;
    }

    public Appended<CardIssued> issue(String artisanId) {
        String region = actor.region();
        access.requireWriteAccessToRegion(region);
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
            return commands.send(new IssueCard(artisanId, cardNumber, region), artisanId, CardIssued.class);
        } catch (RuntimeException failure) {
            Compensation.undo(failure, () -> issuedNumbers.release(IssuedNumbers.Kind.CARD, cardNumber, artisanId));
            Compensation.undo(failure, () -> sequences.giveBack(series, number));
            throw failure;
        }
    }
}
