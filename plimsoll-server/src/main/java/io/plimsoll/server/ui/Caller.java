package io.plimsoll.server.ui;

/** Who a UI request acts for and the form it posted (empty for a GET). */
record Caller(Session session, FormData form) {

    String account() {
        return session.principal().account();
    }

    Pages.Chrome chrome(String title, String section) {
        return new Pages.Chrome(title, section, session.principal().name(), account(), session.csrf(), true);
    }
}
