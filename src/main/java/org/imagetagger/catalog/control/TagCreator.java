package org.imagetagger.catalog.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.imagetagger.catalog.entity.Tag;

/**
 * Creates one tag in a transaction of its own, so that when two chunks create the same new tag at
 * once, the loser's unique-key violation rolls back only this insert, not the loser's chunk.
 */
@ApplicationScoped
public class TagCreator {

    @PersistenceContext(unitName = "tagger")
    EntityManager em;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void create(String name) {
        em.persist(new Tag(name));
        em.flush();
    }
}
