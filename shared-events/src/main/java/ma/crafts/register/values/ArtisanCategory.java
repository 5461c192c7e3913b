package ma.crafts.register.values;

/** Law 50.17 categories of natural persons; a master artisan (maâlem) has at least 10 years of practice. */
public enum ArtisanCategory { ARTISAN, MASTER_ARTISAN }
