package org.shanzhi.identity;

/** Sends a login code by SMS. The default writes it to the log: there is no SMS gateway here. */
public interface SmsSender {

    void send(String phone, String code);
}
