package ma.crafts.register.values;

public enum Gender { F, M }
