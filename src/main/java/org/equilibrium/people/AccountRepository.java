package org.equilibrium.people;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;

/** Accounts in the embedded registry database. Usernames are stored normalised. */
@JdbcRepository(dialect = Dialect.H2)
public interface AccountRepository extends CrudRepository<Account, Long> {

    Optional<Account> findByUsername(String username);

    boolean existsByUsername(String username);

    boolean existsByRoleAndDisabled(Role role, boolean disabled);

    List<Account> findByDisabled(boolean disabled);

    List<Account> findByIdInListOrderByUsername(List<Long> ids);

    List<Account> listOrderByUsername();
}
