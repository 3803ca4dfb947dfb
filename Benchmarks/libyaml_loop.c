/* The baseline for the benchmark: libyaml's event loop over each file, doing nothing with the
   events. stagelint's own time is compared with this. Build: cc -O2 libyaml_loop.c -lyaml */
#include <stdio.h>
#include <stdlib.h>
#include <yaml.h>

int main(int argc, char **argv) {
    long events = 0;
    for (int i = 1; i < argc; i++) {
        FILE *file = fopen(argv[i], "rb");
        if (!file) { perror(argv[i]); return 2; }
        fseek(file, 0, SEEK_END);
        long size = ftell(file);
        fseek(file, 0, SEEK_SET);
        unsigned char *bytes = malloc(size > 0 ? size : 1);
        if (fread(bytes, 1, size, file) != (size_t)size) { fclose(file); return 2; }
        fclose(file);
        yaml_parser_t parser;
        yaml_event_t event;
        yaml_parser_initialize(&parser);
        yaml_parser_set_input_string(&parser, bytes, size);
        int done = 0;
        while (!done) {
            if (!yaml_parser_parse(&parser, &event)) break;
            done = event.type == YAML_STREAM_END_EVENT;
            yaml_event_delete(&event);
            events++;
        }
        yaml_parser_delete(&parser);
        free(bytes);
    }
    printf("%ld events\n", events);
    return 0;
}
