package ma.crafts.register.bench.http;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import ma.crafts.register.command.artisan.RegisterArtisanRequest;
import ma.crafts.register.command.artisan.RegisterArtisanRequest.Name;
import ma.crafts.register.command.artisan.RegisterArtisanRequest.QualificationRequest;
import ma.crafts.register.reference.Geography;
import ma.crafts.register.reference.Geography.Province;
import ma.crafts.register.reference.Nomenclature;

/**
 * Realistic registration requests: Moroccan names in Arabic and French, both genders, ages 18-75, a plausible mix of
 * qualification routes (a quarter by diploma; practice long enough for a master artisan in about a third of the rest),
 * mobile phones for most, addresses in French or Arabic, every prefecture and province of the geography (craft centres
 * weighted up) and every activity of the nomenclature (a few common trades, a long tail of rare ones).
 *
 * <p>Applicant {@code n} of a namespace is the same on every run for the same day (the randomness is seeded by n; ages
 * count from the day), so a pre-fill can be continued and a failure reproduced. The province weights are a rough
 * picture of where artisans work, not statistics.
 */
public final class Applicants {

    /** One applicant: the request a chamber clerk would send, and the region whose clerk sends it. */
    public record Applicant(RegisterArtisanRequest request, String regionCode) {
    }

    /** Relative weight of a prefecture or province; those not listed weigh 1. */
    private static final Map<String, Integer> PROVINCE_WEIGHTS = Map.ofEntries(
            Map.entry("MA-MAR", 8), Map.entry("MA-FES", 8), Map.entry("MA-CAS", 6), Map.entry("MA-MEK", 4),
            Map.entry("MA-SAL", 4), Map.entry("MA-TNG", 4), Map.entry("MA-RAB", 3), Map.entry("MA-TET", 3),
            Map.entry("MA-AGD", 3), Map.entry("MA-ESI", 3), Map.entry("MA-SAF", 3), Map.entry("MA-OUJ", 3),
            Map.entry("MA-KEN", 2), Map.entry("MA-SEF", 2), Map.entry("MA-TAR", 2), Map.entry("MA-OUA", 2),
            Map.entry("MA-ZAG", 2), Map.entry("MA-TIZ", 2), Map.entry("MA-HAO", 2), Map.entry("MA-CHE", 2),
            Map.entry("MA-INE", 2), Map.entry("MA-BEM", 2), Map.entry("MA-NAD", 2), Map.entry("MA-ERR", 2));

    private static final String[][] WOMEN = {
            {"فاطمة", "Fatima"}, {"خديجة", "Khadija"}, {"عائشة", "Aicha"}, {"زينب", "Zineb"}, {"مريم", "Meryem"},
            {"نعيمة", "Naima"}, {"حفصة", "Hafsa"}, {"سلمى", "Salma"}, {"حنان", "Hanane"}, {"سعيدة", "Saida"},
            {"لطيفة", "Latifa"}, {"رشيدة", "Rachida"}, {"مليكة", "Malika"}, {"نادية", "Nadia"}, {"سعاد", "Souad"},
            {"سميرة", "Samira"}, {"كريمة", "Karima"}, {"أسماء", "Asmae"}, {"إيمان", "Imane"}, {"حسناء", "Hasna"},
            {"لبنى", "Loubna"}, {"هدى", "Houda"}, {"أمينة", "Amina"}, {"يامنة", "Yamna"}, {"إيطو", "Itto"},
            {"ثريا", "Touria"}, {"الزهرة", "Zahra"}, {"حياة", "Hayat"}, {"جميلة", "Jamila"}, {"مينة", "Mina"}};

    private static final String[][] MEN = {
            {"محمد", "Mohamed"}, {"أحمد", "Ahmed"}, {"يوسف", "Youssef"}, {"عبد الله", "Abdellah"}, {"حسن", "Hassan"},
            {"هشام", "Hicham"}, {"عمر", "Omar"}, {"رشيد", "Rachid"}, {"مصطفى", "Mustapha"}, {"سعيد", "Said"},
            {"إبراهيم", "Brahim"}, {"خالد", "Khalid"}, {"عبد القادر", "Abdelkader"}, {"إدريس", "Driss"},
            {"المهدي", "El Mehdi"}, {"كريم", "Karim"}, {"عزيز", "Aziz"}, {"لحسن", "Lahcen"}, {"امبارك", "Mbarek"},
            {"حميد", "Hamid"}, {"نور الدين", "Noureddine"}, {"عبد الرحيم", "Abderrahim"}, {"جمال", "Jamal"},
            {"رضوان", "Redouane"}, {"ياسين", "Yassine"}, {"أمين", "Amine"}, {"أيوب", "Ayoub"}, {"أنس", "Anas"},
            {"بوشعيب", "Bouchaib"}, {"العربي", "Larbi"}};

    private static final String[][] FAMILY_NAMES = {
            {"العلوي", "Alaoui"}, {"بناني", "Bennani"}, {"التازي", "Tazi"}, {"الإدريسي", "Idrissi"},
            {"العمراني", "El Amrani"}, {"برادة", "Berrada"}, {"بنجلون", "Benjelloun"}, {"الشرايبي", "Chraibi"},
            {"الفاسي", "Fassi"}, {"لحلو", "Lahlou"}, {"الوزاني", "Ouazzani"}, {"الصقلي", "Sqalli"},
            {"الكتاني", "Kettani"}, {"بنكيران", "Benkirane"}, {"الزروالي", "Zerouali"}, {"المنصوري", "El Mansouri"},
            {"البوزيدي", "Bouzidi"}, {"الحداد", "Haddad"}, {"النجار", "Najjar"}, {"الصباغ", "Sebbagh"},
            {"آيت لحسن", "Ait Lahcen"}, {"آيت وحمان", "Ait Ouahmane"}, {"أمزيل", "Amzil"}, {"أوبلا", "Oubella"},
            {"الخياطي", "El Khayati"}, {"الزياني", "Ziani"}, {"الريفي", "Rifi"}, {"السوسي", "Soussi"},
            {"الدكالي", "Doukkali"}, {"المراكشي", "Marrakchi"}, {"السلاوي", "Slaoui"}, {"الطنجاوي", "Tanjaoui"},
            {"بنعلي", "Benali"}, {"بلحاج", "Belhaj"}, {"الشرقاوي", "Cherkaoui"}, {"الناصري", "Naciri"},
            {"الحجي", "Hajji"}, {"الغازي", "El Ghazi"}, {"بنموسى", "Benmoussa"}, {"العروسي", "Laaroussi"}};

    private static final String[][] QUARTERS = {
            {"درب الدباشي", "Derb Dabachi"}, {"درب مولاي عبد الله", "Derb Moulay Abdellah"},
            {"الطالعة الكبيرة", "Talaa Kebira"}, {"الطالعة الصغيرة", "Talaa Sghira"}, {"حي السلام", "Hay Salam"},
            {"حي النهضة", "Hay Nahda"}, {"حي المحمدي", "Hay Mohammadi"}, {"درب السلطان", "Derb Sultan"},
            {"القصبة", "Kasbah"}, {"الملاح", "Mellah"}, {"دوار العظم", "Douar Laadam"}, {"حي الرياض", "Hay Riad"},
            {"سيدي يوسف بن علي", "Sidi Youssef Ben Ali"}, {"باب دكالة", "Bab Doukkala"}, {"عين قادوس", "Ain Kadous"},
            {"الحي الصناعي", "Quartier industriel"}};

    private final List<Province> provinces = new ArrayList<>();
    private final int[] provinceCumulative;
    private final List<String> activities;
    private final double[] activityCumulative;
    private final LocalDate today;

    /**
     * @param today the day ages are counted from (the register checks 15-120 years against its own clock, so keep
     *              the generated ages well inside that range)
     */
    public Applicants(Geography geography, Nomenclature nomenclature, LocalDate today) {
        this.today = today;
        provinces.addAll(geography.provinces());
        provinceCumulative = new int[provinces.size()];
        int total = 0;
        for (int i = 0; i < provinces.size(); i++) {
            total += PROVINCE_WEIGHTS.getOrDefault(provinces.get(i).code(), 1);
            provinceCumulative[i] = total;
        }
        // A Zipf-like spread over the activities, in an order shuffled once with a fixed seed so that the common
        // trades are not simply the first of the nomenclature.
        List<String> shuffled = new ArrayList<>(nomenclature.activities().stream()
                .map(Nomenclature.Activity::code).toList());
        SplittableRandom order = new SplittableRandom(50_17L);
        for (int i = shuffled.size() - 1; i > 0; i--) {
            int j = order.nextInt(i + 1);
            shuffled.set(i, shuffled.set(j, shuffled.get(i)));
        }
        activities = List.copyOf(shuffled);
        activityCumulative = new double[activities.size()];
        double sum = 0;
        for (int i = 0; i < activities.size(); i++) {
            sum += 1 / Math.pow(i + 1, 0.8);
            activityCumulative[i] = sum;
        }
        if (provinces.isEmpty() || activities.isEmpty()) {
            throw new IllegalStateException("The geography or the nomenclature is empty");
        }
    }

    public Applicant applicant(Cins namespace, long n) {
        return applicant(namespace, n, 0);
    }

    /** Applicant {@code n} of a namespace drawn with another {@code seed}: the same CIN, other data. */
    public Applicant applicant(Cins namespace, long n, long seed) {
        SplittableRandom random = new SplittableRandom(n * 0x9E3779B97F4A7C15L ^ namespace.ordinal() ^ seed * 0xC2B2AE3D27D4EB4FL);
        Province province = pickProvince(random);
        boolean woman = random.nextBoolean();
        String[] first = woman ? WOMEN[random.nextInt(WOMEN.length)] : MEN[random.nextInt(MEN.length)];
        String[] family = FAMILY_NAMES[random.nextInt(FAMILY_NAMES.length)];
        int age = 18 + random.nextInt(58);
        LocalDate birthDate = today.minusYears(age).minusDays(1 + random.nextInt(360));
        QualificationRequest qualification;
        if (random.nextInt(4) == 0) {
            int year = today.getYear() - random.nextInt(Math.max(1, age - 17));
            qualification = new QualificationRequest("DIPLOMA", random.nextInt(Math.max(1, age - 17)),
                    "OFPPT-" + year + "-" + (10_000 + random.nextInt(90_000)));
        } else {
            // Skewed towards short practice: long enough for a master artisan (10 years) in about a third of cases.
            double u = random.nextDouble();
            qualification = new QualificationRequest("EXPERIENCE", 3 + (int) (u * u * u * Math.max(1, age - 14)), null);
        }
        String phone = random.nextInt(10) == 0 ? null
                : "+212" + (random.nextBoolean() ? "6" : "7") + String.format("%08d", random.nextInt(100_000_000));
        String[] quarter = QUARTERS[random.nextInt(QUARTERS.length)];
        int house = 1 + random.nextInt(180);
        String address = random.nextInt(4) == 0
                ? quarter[0] + " " + house + "، " + province.name().ar()
                : quarter[1] + " " + house + ", " + province.name().fr();
        RegisterArtisanRequest request = new RegisterArtisanRequest(namespace.cin(n), new Name(first[0], first[1]),
                new Name(family[0], family[1]), birthDate, woman ? "F" : "M", phone, address, province.code(),
                pickActivity(random), qualification);
        return new Applicant(request, province.regionCode());
    }

    private Province pickProvince(SplittableRandom random) {
        int ticket = random.nextInt(provinceCumulative[provinceCumulative.length - 1]);
        for (int i = 0; i < provinceCumulative.length; i++) {
            if (ticket < provinceCumulative[i]) {
                return provinces.get(i);
            }
        }
        throw new IllegalStateException("unreachable: the ticket is below the total weight");
    }

    private String pickActivity(SplittableRandom random) {
        double ticket = random.nextDouble() * activityCumulative[activityCumulative.length - 1];
        for (int i = 0; i < activityCumulative.length; i++) {
            if (ticket < activityCumulative[i]) {
                return activities.get(i);
            }
        }
        return activities.get(activities.size() - 1);
    }
}
