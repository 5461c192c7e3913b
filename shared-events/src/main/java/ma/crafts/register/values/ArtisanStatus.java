package ma.crafts.register.values;

public enum ArtisanStatus { ACTIVE, SUSPENDED, STRUCK_OFF }
