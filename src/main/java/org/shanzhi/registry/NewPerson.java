package org.shanzhi.registry;

import java.time.LocalDate;
import java.util.List;

/** Command: add a person to a household. Gender and birth date must match the ID number. */
public record NewPerson(String name, String gender, LocalDate birthDate, String idNumber, String phone,
        String relation, List<String> tags) {
}
