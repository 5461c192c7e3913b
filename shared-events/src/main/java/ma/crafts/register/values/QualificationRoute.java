package ma.crafts.register.values;

public enum QualificationRoute { DIPLOMA, EXPERIENCE }
