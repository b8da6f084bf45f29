/** The vision model: REST clients for Ollama and OpenAI-compatible servers, fault tolerance, prompt, reply parsing and tag normalising. */
package org.imagetagger.tagging;
