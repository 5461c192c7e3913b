package ma.crafts.register.values;

public enum CardStatus { VALID, EXPIRED, SUSPENDED, REVOKED, LOST }
