package org.equilibrium.people;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** Beans for the plain classes of this package that carry no annotations of their own. */
@Factory
class PeopleFactory {

    @Singleton
    PasswordHasher passwordHasher() {
        return new PasswordHasher();
    }
}
