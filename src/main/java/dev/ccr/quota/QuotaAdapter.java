package dev.ccr.quota;

/** Reads one provider family's quota or balance from its own endpoint (chosen by {@link QuotaAdapters}). */
public interface QuotaAdapter {
    /** A short name shown as the snapshot's source, such as {@code deepseek}. */
    String name();

    /**
     * @throws QuotaException when there is no reading; its message says why and holds no secret
     */
    QuotaReading read(QuotaCredentials credentials, QuotaHttp http) throws QuotaException;
}
