package ma.crafts.register.values;

public enum BodyLevel { PROVINCIAL, REGIONAL, NATIONAL }
