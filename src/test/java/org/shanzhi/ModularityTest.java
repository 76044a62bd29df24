package org.shanzhi;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

class ModularityTest {

    @Test
    void modulesKeepTheirBoundaries() {
        ApplicationModules.of(ShanzhiApplication.class).verify();
    }
}
