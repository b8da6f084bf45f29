package org.imagetagger.scan.entity;

import java.io.Serializable;

/** Where a scan stands: the last path handed on in a committed chunk (paths come in a fixed order). */
public record ScanCheckpoint(String lastPath) implements Serializable {
}
