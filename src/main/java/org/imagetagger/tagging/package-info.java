/** The vision model: REST clients for Ollama and OpenAI-compatible servers, fault tolerance, prompt and reply parsing (tag names are normalised by {@code catalog}). */
package org.imagetagger.tagging;
