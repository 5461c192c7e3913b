package ma.crafts.register.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Package by feature on one side (command or query), as ADR 0006 sets it out. A feature is a package directly under
 * the side's package ({@code query.card}); its top-level package is what other features may use, and its
 * sub-packages ({@code query.card.mongo}) are its internals. The side's own package holds what features share and the
 * wiring; {@code <side>.mongo} holds the Mongo code that is not one feature's: wiring and helpers used by several.
 */
public final class FeatureRules {
    private static final String MONGO = "mongo";
    private static final String CONFIGURATION = "org.springframework.context.annotation.Configuration";

    private final String side;

    private FeatureRules(String side) {
        this.side = side;
    }

    /** @param sidePackage {@code ma.crafts.register.command} or {@code ma.crafts.register.query} */
    public static FeatureRules of(String sidePackage) {
        return new FeatureRules(sidePackage);
    }

    /**
     * A feature uses another only through that one's top-level package and only along a declared edge
     * ({@code "card -> artisan"}); the side's package and {@code <side>.mongo} (wiring) may use anything.
     *
     * @param declaredEdges  the features each feature may use
     * @param recordedBreaches dependencies that break the rule today, by {@code origin class -> target class}, with
     *                       the reason each is kept; one that no longer exists fails the rule, so the list shrinks
     */
    public ArchRule featuresUseEachOtherOnlyThroughDeclaredApis(Set<String> declaredEdges,
                                                                Map<String, String> recordedBreaches) {
        return classes().that().resideInAPackage(side + "..")
                .should(new BoundaryCondition(declaredEdges, recordedBreaches))
                .because("a feature's internals change with it alone (docs/adr/0006)");
    }

    /**
     * Only Mongo code talks to the driver: classes that use {@code com.mongodb} or {@code org.bson} live in
     * {@code <side>.<feature>.mongo} or {@code <side>.mongo}, or are Spring configuration (wiring). A class in
     * {@code <side>.mongo} is wiring or is used by more than one feature; one feature's Mongo code lives in its own
     * {@code mongo} package.
     */
    public ArchRule mongoCodeLivesInMongoPackages() {
        return classes().that().resideInAPackage(side + "..")
                .should(new MongoPlacementCondition())
                .because("one convention for Mongo code on both sides (docs/adr/0006)");
    }

    /** The feature a class belongs to: the package below the side's, empty for the side's own package. */
    private Optional<String> feature(JavaClass javaClass) {
        String name = javaClass.getPackageName();
        if (!name.startsWith(side + ".")) {
            return Optional.empty();
        }
        return Optional.of(name.substring(side.length() + 1).split("\\.")[0]);
    }

    private boolean onThisSide(JavaClass javaClass) {
        String name = javaClass.getPackageName();
        return name.equals(side) || name.startsWith(side + ".");
    }

    /** The side's package itself, {@code <side>.mongo}, and Spring configuration anywhere put the features together. */
    private boolean isWiring(JavaClass javaClass) {
        Optional<String> feature = feature(javaClass);
        return feature.isEmpty() || feature.get().equals(MONGO) || isConfiguration(javaClass);
    }

    private static boolean isConfiguration(JavaClass javaClass) {
        return topLevel(javaClass).isAnnotatedWith(CONFIGURATION);
    }

    private boolean inFeatureTopLevel(JavaClass javaClass) {
        return feature(javaClass).map(f -> javaClass.getPackageName().equals(side + "." + f)).orElse(false);
    }

    /** The class a nested class sits in, at the top: nested classes share its role (controller, wiring...). */
    public static JavaClass topLevel(JavaClass javaClass) {
        JavaClass top = javaClass;
        while (top.getEnclosingClass().isPresent()) {
            top = top.getEnclosingClass().get();
        }
        return top;
    }

    private static JavaClass target(Dependency dependency) {
        return dependency.getTargetClass().getBaseComponentType();
    }

    private final class BoundaryCondition extends ArchCondition<JavaClass> {
        private final Set<String> declaredEdges;
        private final Map<String, String> recordedBreaches;
        private final Set<String> breachesSeen = new HashSet<>();

        BoundaryCondition(Set<String> declaredEdges, Map<String, String> recordedBreaches) {
            super("use other features only through their top-level package, along declared edges");
            this.declaredEdges = declaredEdges;
            this.recordedBreaches = recordedBreaches;
        }

        @Override
        public void check(JavaClass origin, ConditionEvents events) {
            if (isWiring(origin)) {
                return;
            }
            String from = feature(origin).orElseThrow();
            for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                JavaClass target = target(dependency);
                Optional<String> to = feature(target);
                if (to.isEmpty() || to.get().equals(MONGO) || to.get().equals(from)) {
                    continue;
                }
                String edge = from + " -> " + to.get();
                String problem = !inFeatureTopLevel(target) ? "reaches into the internals of " + to.get()
                        : !declaredEdges.contains(edge) ? "uses " + to.get() + ", an undeclared edge " + edge
                        : null;
                if (problem == null) {
                    continue;
                }
                String breach = topLevel(origin).getName() + " -> " + topLevel(target).getName();
                if (recordedBreaches.containsKey(breach)) {
                    breachesSeen.add(breach);
                } else {
                    events.add(SimpleConditionEvent.violated(dependency,
                            origin.getName() + " " + problem + ": " + dependency.getDescription()));
                }
            }
        }

        @Override
        public void finish(ConditionEvents events) {
            recordedBreaches.keySet().stream().filter(breach -> !breachesSeen.contains(breach)).forEach(breach ->
                    events.add(SimpleConditionEvent.violated(breach, "the recorded breach " + breach
                            + " no longer exists: remove it from the test's list")));
        }
    }

    private final class MongoPlacementCondition extends ArchCondition<JavaClass> {
        MongoPlacementCondition() {
            super("use the Mongo driver only in a mongo package or in wiring, and keep one feature's Mongo code in "
                    + "that feature's mongo package");
        }

        @Override
        public void check(JavaClass javaClass, ConditionEvents events) {
            boolean inMongoPackage = javaClass.getPackageName().equals(side + "." + MONGO)
                    || javaClass.getPackageName().matches(Pattern.quote(side) + "\\.[a-z]+\\.mongo(\\..*)?");
            if (!inMongoPackage && !isConfiguration(javaClass)) {
                javaClass.getDirectDependenciesFromSelf().stream()
                        .filter(dependency -> target(dependency).getPackageName().startsWith("com.mongodb")
                                || target(dependency).getPackageName().startsWith("org.bson"))
                        .findFirst()
                        .ifPresent(dependency -> events.add(SimpleConditionEvent.violated(dependency,
                                javaClass.getName() + " uses the Mongo driver outside a mongo package: "
                                        + dependency.getDescription())));
            }
            if (javaClass.getPackageName().equals(side + "." + MONGO) && !isConfiguration(javaClass)
                    && javaClass.getEnclosingClass().isEmpty()) {
                Set<String> users = javaClass.getDirectDependenciesToSelf().stream()
                        .map(Dependency::getOriginClass)
                        .filter(FeatureRules.this::onThisSide)
                        .map(FeatureRules.this::feature)
                        .flatMap(Optional::stream)
                        .filter(feature -> !feature.equals(MONGO))
                        .collect(Collectors.toSet());
                if (users.size() < 2) {
                    events.add(SimpleConditionEvent.violated(javaClass, javaClass.getName()
                            + " is in " + side + ".mongo but used by " + (users.isEmpty() ? "no feature" : users)
                            + ": one feature's Mongo code belongs in <feature>.mongo"));
                }
            }
        }
    }
}
