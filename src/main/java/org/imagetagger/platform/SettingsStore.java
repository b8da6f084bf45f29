package org.imagetagger.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.Map;

/** The stored overrides, key by key. */
@ApplicationScoped
public class SettingsStore {

    @PersistenceContext(unitName = "tagger")
    EntityManager em;

    @Transactional
    public Map<String, String> all() {
        Map<String, String> all = new LinkedHashMap<>();
        for (Setting setting : em.createNamedQuery(Setting.ALL, Setting.class).getResultList()) {
            all.put(setting.getName(), setting.getText());
        }
        return all;
    }

    /** Sets each key to its text; a null text removes the override, so the configured value applies again. */
    @Transactional
    public void apply(Map<String, String> changes) {
        var now = Times.nowUtc();
        changes.forEach((name, text) -> {
            Setting existing = em.find(Setting.class, name);
            if (text == null) {
                if (existing != null) {
                    em.remove(existing);
                }
            } else if (existing == null) {
                em.persist(new Setting(name, text, now));
            } else {
                existing.change(text, now);
            }
        });
    }
}
