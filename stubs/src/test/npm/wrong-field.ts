// NpmPackageIT: `tsc --noEmit` must refuse this file. The generated request type knows no field "From_Acount".
import type { AdminGetroammsgRequest } from "im-history-stubs";

export const request: AdminGetroammsgRequest = {
  From_Acount: "user1",
  To_Account: "user2",
  MaxCnt: 20,
  MinTime: 1700000000,
  MaxTime: 1700000499,
};
