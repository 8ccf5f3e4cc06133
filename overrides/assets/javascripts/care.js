/* 践诺: the 关怀版 switch (larger type, higher contrast, bigger tap targets). */
