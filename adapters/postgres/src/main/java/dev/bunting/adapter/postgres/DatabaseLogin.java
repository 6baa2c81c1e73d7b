package dev.bunting.adapter.postgres;

/**
 * Who a connection signs in as.
 *
 * @param user     null to let the driver choose
 * @param password null when none is needed; never shown by {@link #toString()}
 */
public record DatabaseLogin(String user, String password) {

    @Override
    public String toString() {
        return "DatabaseLogin[user=" + user + ", password=" + (password == null ? "none" : "***") + "]";
    }
}
