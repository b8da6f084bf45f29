/**
 * Images, tags and folders: the catalog in the database, its search, tag names ({@code TagNormalizer}) and the REST
 * resources over it. It depends on {@code imaging} and {@code platform} only: what it asks of the components above it
 * (whether a folder is watched, the scan of a new folder, search by meaning) are interfaces it owns, and what they
 * must react to are CDI events ({@code FolderChanged}, {@code FolderRemoved}, {@code TagsChanged}).
 */
package org.imagetagger.catalog;
