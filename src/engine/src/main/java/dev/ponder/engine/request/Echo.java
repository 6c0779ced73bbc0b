package dev.ponder.engine.request;

/** Client text as it may be echoed back: valid Unicode, and short. */
public final class Echo {

    /** Characters of a value echoed in an error, at most. */
    public static final int CHARS = 64;

    private Echo() {
    }

    /** The index of the first unpaired surrogate in {@code s}, or -1: such text cannot be written as UTF-8. */
    public static int loneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return i;
            }
            if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * {@code s} made safe to echo: unpaired surrogates become U+FFFD (a JSON writer refuses them) and anything past
     * {@code max} code points is cut, with an ellipsis.
     */
    public static String cut(String s, int max) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), max * 2 + 1));
        int count = 0;
        for (int i = 0; i < s.length(); count++) {
            if (count == max) {
                return b.append('…').toString();
            }
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                b.append(c).append(s.charAt(i + 1));
                i += 2;
            } else {
                b.append(Character.isSurrogate(c) ? '\uFFFD' : c);
                i++;
            }
        }
        return b.toString();
    }

    /** {@code s} cut to {@link #CHARS}. */
    public static String cut(String s) {
        return cut(s, CHARS);
    }
}
