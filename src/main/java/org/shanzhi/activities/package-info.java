/**
 * Activities (issue 13): activities and volunteering (sign-up with a waiting list, QR check-in, confirmed
 * attendance), the 津市 love passbook of volunteer hours and the party members' red passbook (this module's own
 * append-only tables: a passbook of hours, not the household points ledger), the 文登 tender rule for the
 * collective's contracts (三资), and the 昌江 catalogue of services on behalf (便民代办) whose requests run as
 * SERVICE_REQUEST cases. Publishes {@link org.shanzhi.activities.AttendanceConfirmed} (the points module turns it
 * into score events) and {@link org.shanzhi.common.Audited}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Activities",
        allowedDependencies = {"registry", "identity", "territory", "cases", "deliberation", "disclosure", "common"})
package org.shanzhi.activities;
