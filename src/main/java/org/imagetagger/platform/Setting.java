package org.imagetagger.platform;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import java.util.Objects;

/** One overridden configuration key (e.g. {@code tagger.vision.model}) and the text it is set to. */
@Entity
@Table(name = "app_settings")
@NamedQuery(name = Setting.ALL, query = "SELECT s FROM Setting s ORDER BY s.name")
public class Setting {

    public static final String ALL = "Setting.all";
    public static final int MAX_TEXT_LENGTH = 8000;

    @Id
    @Column(name = "setting_name", length = 100)
    private String name;

    @Column(name = "setting_text", nullable = false, length = MAX_TEXT_LENGTH)
    private String text;

    @Column(name = "updated_at", nullable = false)
    private LocalDateTime updatedAt;

    protected Setting() {
    }

    public Setting(String name, String text, LocalDateTime now) {
        if (name == null || !name.startsWith("tagger.")) {
            throw new IllegalArgumentException("settings override tagger.* configuration keys, not " + name);
        }
        this.name = name;
        change(text, now);
    }

    public void change(String text, LocalDateTime now) {
        if (Objects.requireNonNull(text, "text").length() > MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException(name + " is longer than " + MAX_TEXT_LENGTH + " characters");
        }
        this.text = text;
        this.updatedAt = Objects.requireNonNull(now);
    }

    public String getName() { return name; }
    public String getText() { return text; }
    public LocalDateTime getUpdatedAt() { return updatedAt; }
}
