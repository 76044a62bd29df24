package org.shanzhi.registry;

import java.time.LocalDate;
import java.util.List;

/** A person as pages and the API show them: ID number and phone masked unless revealed (audited). */
public record Person(long id, long householdId, String villageCode, String name, String gender, LocalDate birthDate,
        String idNumber, String phone, String relation, List<String> tags) {
}
